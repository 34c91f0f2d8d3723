package io.portreservation.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * Gives a test held ports, without Spring: the race-free replacement for picking a "free"
 * port and hoping nobody takes it before the test binds it.
 *
 * <ul>
 * <li>A {@link PortReservation} parameter or {@link ReservedBlock @ReservedBlock} field
 * gets a block held for the test; a {@link PortLease} one port of a block to bind through
 * ({@link PortLease#openServerSocketChannel}), with no window.</li>
 * <li>A {@link ReservedPort @ReservedPort} {@code int} gets a port number, for code that
 * binds the port itself; it is held until the moment it is injected.</li>
 * </ul>
 *
 * <p>
 * Parameters, instance fields and static fields are injected. What is reserved is
 * released when its scope ends (see {@link ReservedBlock}); it is safe under JUnit's
 * parallel execution and across test JVMs, since the kernel itself keeps every held port
 * from every other socket.
 *
 * <pre class="code">
 * &#64;ExtendWith(PortReservationExtension.class)
 * class GrpcServerTests {
 *
 *     &#64;Test
 *     void serves(PortLease lease) throws IOException {
 *         try (ServerSocketChannel channel = lease.openServerSocketChannel(null, 0)) {
 *             // start the server on channel, connect to lease.port()
 *         }
 *     }
 *
 * }
 * </pre>
 */
public class PortReservationExtension implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		for (Field field : annotatedFields(context.getRequiredTestClass())) {
			if (Modifier.isStatic(field.getModifiers())) {
				inject(null, field, context);
			}
		}
	}

	/**
	 * Instance fields are reserved in the scope of the test method with the default
	 * lifecycle, and of the class with {@code @TestInstance(PER_CLASS)}.
	 */
	@Override
	public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
		return ExtensionContextScope.TEST_METHOD;
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
		for (Field field : annotatedFields(testInstance.getClass())) {
			if (!Modifier.isStatic(field.getModifiers())) {
				inject(testInstance, field, context);
			}
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == PortReservation.class || type == PortLease.class
				|| parameterContext.isAnnotated(ReservedPort.class);
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		InjectionPoint point = InjectionPoint.of(parameterContext);
		try {
			return point.resolve(extensionContext);
		}
		catch (RuntimeException ex) {
			String message = ex.getMessage();
			throw new ParameterResolutionException((message != null) ? message : ex.toString(), ex);
		}
	}

	private static void inject(@Nullable Object instance, Field field, ExtensionContext context)
			throws IllegalAccessException {
		Object value = InjectionPoint.of(field).resolve(context);
		field.setAccessible(true);
		field.set(instance, value);
	}

	private static List<Field> annotatedFields(Class<?> testClass) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (field.isAnnotationPresent(ReservedBlock.class) || field.isAnnotationPresent(ReservedPort.class)) {
					if (Modifier.isFinal(field.getModifiers())) {
						throw new ExtensionConfigurationException(InjectionPoint.describe(field)
								+ " is final; a reserved port cannot be injected into it");
					}
					fields.add(field);
				}
			}
		}
		return fields;
	}

}
