package io.portreservation;

/**
 * An argument outside its allowed range. The message names the argument, the value
 * and the range, for example
 * {@code "count 70000 is out of range: allowed 1..65535"}.
 */
public class InvalidReservationArgumentException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final String argument;

	private final transient Object value;

	private final String allowed;

	/**
	 * Create an exception.
	 * @param argument the argument's name
	 * @param value the rejected value
	 * @param allowed the allowed values, in words
	 */
	public InvalidReservationArgumentException(String argument, Object value, String allowed) {
		super(argument + " " + value + " is out of range: allowed " + allowed);
		this.argument = argument;
		this.value = value;
		this.allowed = allowed;
	}

	/**
	 * The name of the rejected argument.
	 * @return the argument
	 */
	public String getArgument() {
		return this.argument;
	}

	/**
	 * The rejected value.
	 * @return the value
	 */
	public Object getValue() {
		return this.value;
	}

	/**
	 * The allowed values, in words.
	 * @return the allowed range
	 */
	public String getAllowed() {
		return this.allowed;
	}

}
