/**
 * The Win32 mapping the Winsock backend needs (ws2_32, iphlpapi, ntdll): SDK names and
 * layouts, not API.
 */
@NullMarked
package io.portreservation.windows.jna;

import org.jspecify.annotations.NullMarked;
