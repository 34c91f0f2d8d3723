package io.portreservation.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven through Debian's chromedriver: both are given by path, so
 * Selenium never runs Selenium Manager (which would try to download a browser).
 * {@code build-tools/ensure-tools.sh chromium} installs them before the tests.
 */
final class HeadlessChromium {

	private static final List<String> BROWSERS = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium");

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	private HeadlessChromium() {
	}

	static ChromeDriver start(Path userDataDir) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(find(BROWSERS, "chromium"));
		options.addArguments("--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,720", "--user-data-dir=" + userDataDir);
		if ("root".equals(System.getProperty("user.name"))) {
			// Chromium's sandbox refuses to run as root.
			options.addArguments("--no-sandbox");
		}
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(find(DRIVERS, "chromium-driver")))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static String find(List<String> candidates, String debianPackage) {
		return candidates.stream()
			.filter((candidate) -> Files.isExecutable(Path.of(candidate)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("None of " + candidates + " is installed; run "
					+ "build-tools/ensure-tools.sh chromium (or apt-get install " + debianPackage + ")"));
	}

}
