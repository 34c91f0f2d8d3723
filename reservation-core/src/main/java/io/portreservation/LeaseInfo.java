package io.portreservation;

import java.time.Instant;

/**
 * A snapshot of one lease, for diagnostics.
 *
 * @param port the leased port
 * @param owner who took it
 * @param since when it was taken
 * @param bound whether a socket bound through the lease is still open and bound
 */
public record LeaseInfo(int port, String owner, Instant since, boolean bound) {
}
