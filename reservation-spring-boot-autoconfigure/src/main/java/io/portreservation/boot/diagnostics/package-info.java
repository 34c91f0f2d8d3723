/**
 * Startup failures of the port reservation and the failure analyzers that explain them.
 */
@NullMarked
package io.portreservation.boot.diagnostics;

import org.jspecify.annotations.NullMarked;
