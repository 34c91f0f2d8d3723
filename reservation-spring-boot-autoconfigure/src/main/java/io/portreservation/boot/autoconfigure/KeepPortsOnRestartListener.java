package io.portreservation.boot.autoconfigure;

import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.devtools.classpath.ClassPathChangedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Tells the allocator that DevTools is about to restart the application, so the context's
 * close keeps its blocks for the restarted context instead of releasing them. Runs before
 * DevTools' own listener of the same event, which closes the context before it returns.
 */
final class KeepPortsOnRestartListener implements ApplicationListener<ClassPathChangedEvent>, Ordered {

	private final ObjectProvider<PortAllocator> allocator;

	KeepPortsOnRestartListener(ObjectProvider<PortAllocator> allocator) {
		// Looked up at the event: the listener must not create the allocator early.
		this.allocator = allocator;
	}

	@Override
	public void onApplicationEvent(ClassPathChangedEvent event) {
		if (event.isRestartRequired() && this.allocator.getIfAvailable() instanceof BlockPortAllocator blocks) {
			blocks.restartComing();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
