package io.portreservation.boot.rsocket;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.rsocket.netty.NettyRSocketServerFactory;
import org.springframework.util.Assert;

/**
 * Applies the {@link NettyRSocketPortReservationCustomizer} beans to every
 * {@link NettyRSocketServerFactory} before it is initialized. The customizers are looked
 * up only then, so this post-processor creates no bean early.
 */
public class RSocketPortReservationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	private @Nullable ListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ListableBeanFactory.class, beanFactory,
				"RSocketPortReservationBeanPostProcessor can only be used with a ListableBeanFactory");
		this.beanFactory = (ListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof NettyRSocketServerFactory factory && this.beanFactory != null) {
			this.beanFactory.getBeanProvider(NettyRSocketPortReservationCustomizer.class)
				.orderedStream()
				.forEach((customizer) -> customizer.customize(factory));
		}
		return bean;
	}

}
