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
