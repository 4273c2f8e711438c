package app.sabai.contracts.branches;

/** What a session of that length costs, in the minor unit of the branch's currency. */
public record Price(int durationMinutes, long amountMinor) {
}
