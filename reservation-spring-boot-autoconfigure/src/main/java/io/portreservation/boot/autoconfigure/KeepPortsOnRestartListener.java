package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.devtools.classpath.ClassPathChangedEvent;
import org.springframework.boot.devtools.restart.classloader.RestartClassLoader;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Tells the allocator that DevTools is about to restart the application, so the context's
 * close keeps its blocks for the restarted context instead of releasing them (the
 * allocator hands them to {@code io.portreservation.boot.RestartKeeper}, which also
 * remembers where blocks landed when no restart was announced). Runs before DevTools' own
 * listener of the same event, which closes the context before it returns.
 */
final class KeepPortsOnRestartListener implements ApplicationListener<ClassPathChangedEvent>, Ordered {

	private final ObjectProvider<PortAllocator> allocator;

	KeepPortsOnRestartListener(ObjectProvider<PortAllocator> allocator) {
		// Looked up at the event: the listener must not create the allocator early.
		this.allocator = allocator;
	}

	@Override
	public void onApplicationEvent(ClassPathChangedEvent event) {
		if (event.isRestartRequired() && !reloadedOnRestart()
				&& this.allocator.getIfAvailable() instanceof BlockPortAllocator blocks) {
			blocks.restartComing();
		}
	}

	/**
	 * Whether DevTools reloads the starter's own classes with the application (a project
	 * that builds the starter): the restarted context would not see what was kept, and a
	 * kept fixed port would refuse its new reservation.
	 * @return {@code true} if the starter is in the restart class loader
	 */
	private static boolean reloadedOnRestart() {
		return BlockPortAllocator.class.getClassLoader() instanceof RestartClassLoader;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
