package io.portreservation;

/**
 * An argument outside its allowed range. The message names the argument in words, the
 * value and the range, for example
 * {@code "number of ports 70000 is out of range: allowed 1..65535"}; an integration names
 * its own setting through {@link #getArgument()}.
 */
public class InvalidReservationArgumentException extends PortReservationException {

	private static final long serialVersionUID = 1L;

	private final ReservationArgument argument;

	private final transient Object value;

	private final String allowed;

	/**
	 * Create an exception.
	 * @param argument the rejected argument
	 * @param value the rejected value
	 * @param allowed the allowed values, in words
	 */
	public InvalidReservationArgumentException(ReservationArgument argument, Object value, String allowed) {
		super(argument.description() + " " + value + " is out of range: allowed " + allowed);
		this.argument = argument;
		this.value = value;
		this.allowed = allowed;
	}

	/**
	 * The rejected argument.
	 * @return the argument
	 */
	public ReservationArgument getArgument() {
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
