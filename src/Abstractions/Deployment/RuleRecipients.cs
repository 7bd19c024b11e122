namespace StreamEngine.Abstractions.Deployment;

/// <summary>
/// Whom a rule's alert goes to: the device's owner (an SMS to the <c>phone</c> of its config), fixed numbers in E.164,
/// and the <c>alerts</c> topic. Equal when the three are equal.
/// </summary>
public sealed record RuleRecipients
{
    public const string OwnerName = "owner";
    public const string AlertsTopicName = "alerts-topic";

    public RuleRecipients(bool owner, bool alertsTopic, IEnumerable<string> phones)
    {
        Owner = owner;
        AlertsTopic = alertsTopic;
        Phones = [.. phones.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The recipients of a rule that names none: the owner and the <c>alerts</c> topic, as the built-in alerts.</summary>
    public static RuleRecipients Default { get; } = new(owner: true, alertsTopic: true, []);

    public bool Owner { get; }

    public bool AlertsTopic { get; }

    public IReadOnlyList<string> Phones { get; }

    public bool Equals(RuleRecipients? other) =>
        other is not null && Owner == other.Owner && AlertsTopic == other.AlertsTopic && Phones.SequenceEqual(other.Phones);

    public override int GetHashCode() => HashCode.Combine(Owner, AlertsTopic, Phones.Count);
}
