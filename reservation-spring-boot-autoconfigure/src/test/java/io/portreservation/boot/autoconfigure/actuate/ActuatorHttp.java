package io.portreservation.boot.autoconfigure.actuate;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.portreservation.boot.testsupport.Http;

/**
 * Real HTTP GETs against a running application's actuator, on loopback, one closed
 * connection per request (no pool keeps sockets open after the test).
 */
final class ActuatorHttp {

	private final int port;

	ActuatorHttp(int port) {
		this.port = port;
	}

	Response get(String path) {
		String response = Http.get(this.port, path);
		int headersEnd = response.indexOf("\r\n\r\n");
		String statusLine = response.substring(0, response.indexOf("\r\n"));
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		return new Response(status, (headersEnd >= 0) ? response.substring(headersEnd + 4) : "");
	}

	DocumentContext json(String path, int expectedStatus) {
		Response response = get(path);
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode() + ", expected "
					+ expectedStatus + ": " + response.body());
		}
		return JsonPath.parse(response.body());
	}

	record Response(int statusCode, String body) {
	}

}
