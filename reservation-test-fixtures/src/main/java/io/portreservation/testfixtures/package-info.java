/**
 * Test fixtures shared by the modules' tests and never published: the port thief run as a
 * second process, the launch of child JVMs, and the count of this JVM's open sockets.
 */
@NullMarked
package io.portreservation.testfixtures;

import org.jspecify.annotations.NullMarked;
