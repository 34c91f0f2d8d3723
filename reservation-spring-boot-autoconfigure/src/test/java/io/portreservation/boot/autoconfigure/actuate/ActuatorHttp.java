package io.portreservation.boot.autoconfigure.actuate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

/**
 * Real HTTP GETs against a running application's actuator, on loopback.
 */
final class ActuatorHttp {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	ActuatorHttp(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	DocumentContext json(String path, int expectedStatus) throws IOException, InterruptedException {
		HttpResponse<String> response = get(path);
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError("GET " + path + " answered " + response.statusCode() + ", expected "
					+ expectedStatus + ": " + response.body());
		}
		return JsonPath.parse(response.body());
	}

}
