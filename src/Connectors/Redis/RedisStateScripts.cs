namespace StreamEngine.Connectors.Redis;

/// <summary>The Lua scripts of <see cref="RedisAlarmState"/>: each runs atomically on the server.</summary>
internal static class RedisStateScripts
{
    /// <summary>
    /// KEYS[1] last-seen sorted set (score = time ms); ARGV = member, score, member, score…
    /// Returns the scores before the call (nil where absent) and keeps the greater score (ZADD GT).
    /// </summary>
    public const string RecordSeen = """
        local members = {}
        local scored = {}
        for i = 1, #ARGV, 2 do
          members[#members + 1] = ARGV[i]
          scored[#scored + 1] = ARGV[i + 1]
          scored[#scored + 1] = ARGV[i]
        end
        local previous = redis.call('ZMSCORE', KEYS[1], unpack(members))
        redis.call('ZADD', KEYS[1], 'GT', unpack(scored))
        return previous
        """;

    /// <summary>
    /// KEYS[1] last-seen sorted set, KEYS[2] silent marks hash, KEYS[3] unconfirmed ended silences hash (device id →
    /// "time:previous;…"); ARGV[1] the silence (ms), ARGV[2] the time before which a device is silent now (ms), then per
    /// device: its id, the count n of its times, and the n times, distinct and ascending. Per device: the ended silences
    /// held for times this call brings again, then, when the newest time is newer than the stored one, the time is
    /// stored, the silent mark lifted when the newest time is at or after ARGV[2], and each newer time that ends a
    /// silence held and returned. Returns per device: id, the stored time before ("" when never seen), the time after,
    /// the count k of ended silences, and k pairs of time and previous time.
    /// </summary>
    public const string RecordSeenEndingSilences = """
        local silence = tonumber(ARGV[1])
        local silentBefore = tonumber(ARGV[2])
        local ids, firsts, lasts = {}, {}, {}
        local i = 3
        while i <= #ARGV do
          ids[#ids + 1] = ARGV[i]
          firsts[#firsts + 1] = i + 2
          i = i + 2 + tonumber(ARGV[i + 1])
          lasts[#lasts + 1] = i - 1
        end
        local stored = redis.call('ZMSCORE', KEYS[1], unpack(ids))
        local marks = redis.call('HMGET', KEYS[2], unpack(ids))
        local held = {}
        if redis.call('EXISTS', KEYS[3]) == 1 then
          held = redis.call('HMGET', KEYS[3], unpack(ids))
        end
        local scored, lifted, out = {}, {}, {}
        for d = 1, #ids do
          local id, first, last = ids[d], firsts[d], lasts[d]
          local newest = ARGV[last]
          if not stored[d] then
            scored[#scored + 1] = newest
            scored[#scored + 1] = id
            out[#out + 1] = id
            out[#out + 1] = ''
            out[#out + 1] = newest
            out[#out + 1] = 0
          else
            local ended = {}
            if held[d] then
              for time, previous in string.gmatch(held[d], '(%d+):(%d+)') do
                for k = first, last do
                  if ARGV[k] == time then
                    ended[#ended + 1] = time
                    ended[#ended + 1] = previous
                  end
                end
              end
            end
            local current = stored[d]
            local storedMs = tonumber(stored[d])
            if tonumber(newest) > storedMs then
              current = newest
              scored[#scored + 1] = newest
              scored[#scored + 1] = id
              local reported = false
              if marks[d] and tonumber(newest) >= silentBefore then
                reported = true
                lifted[#lifted + 1] = id
              end
              local previous = stored[d]
              local added = {}
              for k = first, last do
                local time = tonumber(ARGV[k])
                if time > storedMs then
                  if time - tonumber(previous) > silence or (reported and time >= silentBefore) then
                    reported = false
                    added[#added + 1] = ARGV[k] .. ':' .. previous
                    ended[#ended + 1] = ARGV[k]
                    ended[#ended + 1] = previous
                  end
                  previous = ARGV[k]
                end
              end
              if #added > 0 then
                local all = table.concat(added, ';')
                if held[d] then
                  all = held[d] .. ';' .. all
                end
                redis.call('HSET', KEYS[3], id, all)
              end
            end
            out[#out + 1] = id
            out[#out + 1] = stored[d]
            out[#out + 1] = current
            out[#out + 1] = #ended / 2
            for k = 1, #ended do
              out[#out + 1] = ended[k]
            end
          end
        end
        if #scored > 0 then
          redis.call('ZADD', KEYS[1], unpack(scored))
        end
        if #lifted > 0 then
          redis.call('HDEL', KEYS[2], unpack(lifted))
        end
        return out
        """;

    /// <summary>
    /// KEYS[1] unconfirmed ended silences hash; ARGV = device id, time, device id, time… Drops each of these from what
    /// its device holds.
    /// </summary>
    public const string ConfirmEnded = """
        for i = 1, #ARGV, 2 do
          local held = redis.call('HGET', KEYS[1], ARGV[i])
          if held then
            local kept = {}
            for entry in string.gmatch(held, '[^;]+') do
              if string.match(entry, '^(%d+):') ~= ARGV[i + 1] then
                kept[#kept + 1] = entry
              end
            end
            if #kept == 0 then
              redis.call('HDEL', KEYS[1], ARGV[i])
            else
              redis.call('HSET', KEYS[1], ARGV[i], table.concat(kept, ';'))
            end
          end
        end
        return 0
        """;

    /// <summary>
    /// A silent mark's value is <c>u:marked-ms:call-id</c> while unconfirmed and <c>c:call-id</c> once confirmed (a bare
    /// call id, as older versions wrote, counts as confirmed). Defines <c>mark(value)</c> → the call id, and the time it
    /// was marked while unconfirmed.
    /// </summary>
    private const string ParseMark = """
        local function mark(value)
          local ms, id = string.match(value, '^u:(%d+):(.*)$')
          if ms then
            return id, tonumber(ms)
          end
          return string.match(value, '^c:(.*)$') or value, nil
        end

        """;

    /// <summary>
    /// KEYS[1] last-seen sorted set, KEYS[2] silent marks hash; ARGV[1] exclusive upper bound of the time, ARGV[2] limit,
    /// ARGV[3] the time (ms) before which an unconfirmed mark counts as absent. Walks the oldest devices page by page
    /// and returns member, score… of those not marked silent, or marked unconfirmed before ARGV[3].
    /// </summary>
    public const string FindNewlySilent = ParseMark + """
        local limit = tonumber(ARGV[2])
        local stale = tonumber(ARGV[3])
        local found = {}
        local offset = 0
        local page = 512
        while #found < limit * 2 do
          local batch = redis.call('ZRANGE', KEYS[1], '-inf', '(' .. ARGV[1], 'BYSCORE', 'LIMIT', offset, page, 'WITHSCORES')
          if #batch == 0 then
            break
          end
          for i = 1, #batch, 2 do
            if #found < limit * 2 then
              local by = redis.call('HGET', KEYS[2], batch[i])
              local at = nil
              if by then
                local _, markedAt = mark(by)
                at = markedAt
              end
              if not by or (at ~= nil and at < stale) then
                found[#found + 1] = batch[i]
                found[#found + 1] = batch[i + 1]
              end
            end
          end
          offset = offset + page
        end
        return found
        """;

    /// <summary>
    /// KEYS[1] silent marks hash; ARGV[1] the call id, ARGV[2] now (ms), ARGV[3] the time before which an unconfirmed
    /// mark counts as absent, ARGV[4…] device ids. Marks (unconfirmed, at ARGV[2]) the devices not marked yet or marked
    /// unconfirmed before ARGV[3]; returns those and the ones already marked with the same call id.
    /// </summary>
    public const string MarkSilent = ParseMark + """
        local stale = tonumber(ARGV[3])
        local added = {}
        for i = 4, #ARGV do
          local by = redis.call('HGET', KEYS[1], ARGV[i])
          local id, at = nil, nil
          if by then
            id, at = mark(by)
          end
          if not by or (at ~= nil and at < stale) then
            redis.call('HSET', KEYS[1], ARGV[i], 'u:' .. ARGV[2] .. ':' .. ARGV[1])
            added[#added + 1] = ARGV[i]
          elseif id == ARGV[1] then
            added[#added + 1] = ARGV[i]
          end
        end
        return added
        """;

    /// <summary>
    /// KEYS[1] silent marks hash; ARGV[1] the call id, ARGV[2] now (ms), ARGV[3…] device ids. Renews (to ARGV[2]) the
    /// unconfirmed marks the call holds; returns the devices whose mark it holds.
    /// </summary>
    public const string RenewSilent = ParseMark + """
        local held = {}
        for i = 3, #ARGV do
          local by = redis.call('HGET', KEYS[1], ARGV[i])
          if by then
            local id, at = mark(by)
            if id == ARGV[1] then
              if at ~= nil then
                redis.call('HSET', KEYS[1], ARGV[i], 'u:' .. ARGV[2] .. ':' .. ARGV[1])
              end
              held[#held + 1] = ARGV[i]
            end
          end
        end
        return held
        """;

    /// <summary>
    /// KEYS[1] silent marks hash; ARGV[1] the call id, ARGV[2…] device ids. Confirms the marks the call holds; returns
    /// the devices whose mark it holds.
    /// </summary>
    public const string ConfirmSilent = ParseMark + """
        local held = {}
        for i = 2, #ARGV do
          local by = redis.call('HGET', KEYS[1], ARGV[i])
          if by and mark(by) == ARGV[1] then
            redis.call('HSET', KEYS[1], ARGV[i], 'c:' .. ARGV[1])
            held[#held + 1] = ARGV[i]
          end
        end
        return held
        """;

    /// <summary>
    /// KEYS[1] silent marks hash, KEYS[1 + i] the cleared-by key of ARGV[2 + i]; ARGV[1] the call id, ARGV[2] how long
    /// a cleared-by key lives (ms), ARGV[3…] device ids. A device whose cleared-by key holds the call id was cleared by
    /// an earlier attempt of this call: returned, its current mark untouched. Otherwise a marked device is unmarked, its
    /// cleared-by key set to the call id, and returned. Returns the device ids cleared.
    /// </summary>
    public const string ClearSilent = """
        local cleared = {}
        for i = 3, #ARGV do
          local clearedBy = KEYS[i - 1]
          if redis.call('GET', clearedBy) == ARGV[1] then
            cleared[#cleared + 1] = ARGV[i]
          elseif redis.call('HDEL', KEYS[1], ARGV[i]) == 1 then
            redis.call('SET', clearedBy, ARGV[1], 'PX', ARGV[2])
            cleared[#cleared + 1] = ARGV[i]
          end
        end
        return cleared
        """;

    /// <summary>
    /// KEYS[1] a cooldown key, holding "end-ms:p|c:claim-id" (p = pending, c = confirmed); ARGV[1] now (ms, the caller's
    /// clock), ARGV[2] the new claim's end (ms), ARGV[3] its time to live (ms), ARGV[4] its claim id. Takes the key
    /// unless a claim ending after now holds it; a pending claim of the same id is granted again, unchanged. Returns 1
    /// when granted, 0 when refused. Ends are compared on the caller's clock, so a moved test clock ends a cooldown;
    /// the time to live only removes keys nobody claims again.
    /// </summary>
    public const string Claim = """
        local held = redis.call('GET', KEYS[1])
        if held then
          local ends, state, id = string.match(held, '^(%d+):(%a):(.*)$')
          if ends and tonumber(ends) > tonumber(ARGV[1]) then
            if state == 'p' and id == ARGV[4] then
              return 1
            end
            return 0
          end
        end
        redis.call('SET', KEYS[1], ARGV[2] .. ':p:' .. ARGV[4], 'PX', ARGV[3])
        return 1
        """;

    /// <summary>KEYS[1] a cooldown key; ARGV[1] the claim id. Marks the claim confirmed when that id holds it; returns 1 then, else 0.</summary>
    public const string ConfirmClaim = """
        local held = redis.call('GET', KEYS[1])
        if held then
          local ends, state, id = string.match(held, '^(%d+):(%a):(.*)$')
          if id == ARGV[1] then
            redis.call('SET', KEYS[1], ends .. ':c:' .. id, 'KEEPTTL')
            return 1
          end
        end
        return 0
        """;

    /// <summary>KEYS[1] a cooldown key; ARGV[1] the claim id. Deletes the key only when the claim id still holds it.</summary>
    public const string ReleaseClaim = """
        local held = redis.call('GET', KEYS[1])
        if held and string.match(held, '^%d+:%a:(.*)$') == ARGV[1] then
          return redis.call('DEL', KEYS[1])
        end
        return 0
        """;
}
