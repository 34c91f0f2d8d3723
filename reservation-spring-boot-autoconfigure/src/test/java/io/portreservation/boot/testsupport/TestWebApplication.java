package io.portreservation.boot.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with one endpoint, served by whichever server a test selects.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TestWebApplication.HelloController.class)
public class TestWebApplication {

	/** Answers {@code GET /hello}. */
	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello from the block";
		}

	}

}
