/**
 * How a web server's configured port maps to a lease of the reserved block.
 */
@NullMarked
package io.portreservation.boot.web;

import org.jspecify.annotations.NullMarked;
