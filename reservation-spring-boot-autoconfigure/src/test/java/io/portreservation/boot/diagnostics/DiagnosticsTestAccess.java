package io.portreservation.boot.diagnostics;

/**
 * Reaches package-private helpers of the diagnostics from tests in other packages.
 */
public final class DiagnosticsTestAccess {

	private DiagnosticsTestAccess() {
	}

	/**
	 * The nearest valid key to an unknown one.
	 * @param name the unknown key
	 * @return the suggestion
	 */
	public static String nearest(String name) {
		return UnknownPropertyFailureAnalyzer.nearest(name);
	}

}
