package io.portreservation.windows;

import io.portreservation.windows.jna.WsaError;

/**
 * The raw outcome of one native call: whether its return value said it failed, and the
 * error JNA saved right after it. The return value alone decides success, so a failure
 * whose error reads 0 (the symptom of reading the error the wrong way) is never taken for
 * a success.
 *
 * @param failed whether the return value was the call's failure value
 * @param code the saved WSA code; meaningful only when {@code failed}
 */
record Outcome(boolean failed, int code) {

	/** A call whose return value said it succeeded. */
	static final Outcome SUCCEEDED = new Outcome(false, 0);

	static Outcome failed(int code) {
		return new Outcome(true, code);
	}

	/**
	 * In words: {@code succeeds}, {@code WSAEACCES (10013)}, or, for a failure whose code
	 * reads 0, {@code fails (error code unreadable: 0)}.
	 */
	String describe() {
		if (!this.failed) {
			return "succeeds";
		}
		return (this.code != 0) ? WsaError.name(this.code) + " (" + this.code + ")"
				: "fails (error code unreadable: 0)";
	}

}
