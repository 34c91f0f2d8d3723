/**
 * Management child-context configuration that binds the management server inside the
 * block.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.management;

import org.jspecify.annotations.NullMarked;
