package io.portreservation.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.portreservation.LeaseInfo;
import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at {@code /} as a person sees it in a real browser (headless Chromium).
 */
@EnabledOnOs(value = OS.LINUX,
		disabledReason = "drives Debian's chromium and chromedriver, which the build installs on Linux")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SamplePageTests {

	/** Where the screenshot goes; the README's docs/sample-page.png is a copy of it. */
	private static final Path SCREENSHOT = Path.of("target", "sample-page.png");

	@LocalServerPort
	private int port;

	@Autowired
	private PortAllocator allocator;

	private ChromeDriver browser;

	@BeforeEach
	void openBrowser(@TempDir Path userDataDir) {
		this.browser = HeadlessChromium.start(userDataDir);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.quit();
	}

	@Test
	void pageShouldDrawEveryPortWithItsOwnerAndShowANewLeaseWithinOneRefresh() throws Exception {
		this.browser.get("http://localhost:" + this.port + "/");
		int firstDraw = waitForRedraws(1);
		for (var entry : this.allocator.blocks().entrySet()) {
			PortReservation block = entry.getValue();
			List<WebElement> cells = cells(entry.getKey());
			assertThat(cells).as("cells of block '%s'", entry.getKey()).hasSize(block.count());
			assertThat(cells).extracting((cell) -> cell.getDomAttribute("data-port"))
				.containsExactlyElementsOf(
						IntStream.rangeClosed(block.firstPort(), block.lastPort()).mapToObj(String::valueOf).toList());
			for (LeaseInfo lease : block.leases()) {
				assertThat(cell(entry.getKey(), lease.port()).getDomAttribute("title"))
					.startsWith("Port " + lease.port() + ": leased by " + lease.owner());
			}
		}
		assertThat(cell("default", this.port).getDomAttribute("title")).contains("leased by").contains("bound");

		try (PortLease visitor = this.allocator.lease("selenium-visitor")) {
			// A redraw already in flight may predate the lease; the next one must show
			// it.
			int leasedAt = currentRedraws();
			waitForRedraws(leasedAt + 2);
			WebElement cell = cell("default", visitor.port());
			assertThat(cell.getDomAttribute("title"))
				.startsWith("Port " + visitor.port() + ": leased by selenium-visitor");
			assertThat(cell.getDomAttribute("class")).contains("leased");
			Files.createDirectories(SCREENSHOT.getParent());
			Files.copy(this.browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT,
					StandardCopyOption.REPLACE_EXISTING);
		}
		int released = currentRedraws();
		waitForRedraws(released + 2);
		assertThat(firstDraw).isPositive();
		assertThat(cells("default"))
			.filteredOn((cell) -> String.valueOf(cell.getDomAttribute("title")).contains("selenium-visitor"))
			.isEmpty();
	}

	private List<WebElement> cells(String block) {
		return this.browser.findElements(By.cssSelector("section[data-block='" + block + "'] .cell"));
	}

	private WebElement cell(String block, int port) {
		return this.browser
			.findElement(By.cssSelector("section[data-block='" + block + "'] .cell[data-port='" + port + "']"));
	}

	private int currentRedraws() {
		String value = this.browser.findElement(By.tagName("body")).getDomAttribute("data-refreshes");
		return (value != null) ? Integer.parseInt(value) : 0;
	}

	private int waitForRedraws(int atLeast) {
		// Generous bound for a loaded CI machine; the page redraws every second.
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> currentRedraws() >= atLeast);
		return currentRedraws();
	}

}
