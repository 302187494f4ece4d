/**
 * What can go wrong talking to the O-RAN SC platform (submgr, appmgr, the A1 mediator), one class per
 * condition. Each says what and where: the HTTP call and its answer, the field of a message, or the
 * subscription that failed.
 */

/** An HTTP call to a platform service failed: `status` is 0 when no answer came (refused, timed out). */
export class RicHttpError extends Error {
  override readonly name = "RicHttpError";

  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    readonly status: number,
    /** The answer's body as text ("" when none). */
    readonly body: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A message or a request we build has a bad field: `field` is its path (`SubscriptionDetails[0].ActionID`). */
export class FieldError extends Error {
  override readonly name = "FieldError";

  constructor(
    /** What was being read or built, e.g. "A1_POLICY_REQ" or "SubscriptionParams". */
    readonly what: string,
    readonly field: string,
    reason: string,
  ) {
    super(`${what} ${field}: ${reason}`);
  }
}

/** submgr reported a subscription instance as failed (E2EventInstanceId 0 or an ErrorCause). */
export class SubscriptionFailedError extends Error {
  override readonly name = "SubscriptionFailedError";

  constructor(
    readonly subscriptionId: string,
    readonly xappEventInstanceId: number,
    readonly errorCause: string,
    readonly errorSource: string | undefined,
    readonly timeoutType: string | undefined,
  ) {
    const from = [errorSource, timeoutType].filter(Boolean).join(", ");
    super(
      `subscription ${subscriptionId} instance ${xappEventInstanceId} failed: ${errorCause || "no E2 instance id"}` +
        (from ? ` (${from})` : ""),
    );
  }
}

/** No notification came for a subscription instance in time. */
export class SubscriptionTimeoutError extends Error {
  override readonly name = "SubscriptionTimeoutError";

  constructor(
    readonly subscriptionId: string,
    readonly xappEventInstanceId: number,
    readonly timeoutMs: number,
  ) {
    super(
      `no notification from submgr for subscription ${subscriptionId} instance ${xappEventInstanceId} in ${timeoutMs} ms`,
    );
  }
}
