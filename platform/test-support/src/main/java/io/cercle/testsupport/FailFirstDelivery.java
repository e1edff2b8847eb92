package io.cercle.testsupport;

import io.cercle.events.EventEnvelope;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fault injection for resilience tests, in test code only (it used to be a property of the production Inbox, issue 9):
 * the first delivery of an event about each subject listed in {@value #SUBJECTS} fails inside the service's inbox, as
 * a failing handler would — counted in {@code cercle_events_failures_total}, then retried by the binder — so a test
 * can prove that a retried event is applied once.
 * <p>
 * A test context activates it with {@code @Import(FailFirstDelivery.class)}. A service started from its executable
 * jar gets it with {@code --spring.main.sources=io.cercle.testsupport.FailFirstDelivery}, this module's classes on
 * the class path through Spring Boot's {@code PropertiesLauncher} and {@code -Dloader.path} (system-tests'
 * {@code ServiceJars}).
 * This module cannot depend on service-defaults (whose tests use it), so the inbox is recognised by its class name and
 * its {@code consumer(name, type, handler)} is intercepted to wrap the handler; when subjects are listed and no such
 * inbox exists, the context fails to start instead of injecting nothing.
 */
public class FailFirstDelivery implements BeanPostProcessor, EnvironmentAware, SmartInitializingSingleton {

    /** The subjects whose events fail on their first delivery (comma-separated). */
    public static final String SUBJECTS = "cercle.test.inbox.fail-once-subjects";
    static final String INBOX = "io.cercle.platform.messaging.Inbox";

    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private Set<String> subjects = Set.of();
    private boolean inboxDecorated;

    @Override
    public void setEnvironment(Environment environment) {
        subjects = Set.copyOf(Arrays.asList(environment.getProperty(SUBJECTS, String[].class, new String[0])));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (subjects.isEmpty() || !INBOX.equals(ClassUtils.getUserClass(bean).getName())) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) this::wrapTheHandler);
        inboxDecorated = true;
        return proxy.getProxy(bean.getClass().getClassLoader());
    }

    @SuppressWarnings("unchecked")
    private Object wrapTheHandler(MethodInvocation invocation) throws Throwable {
        Object[] arguments = invocation.getArguments();
        if (invocation.getMethod().getName().equals("consumer") && arguments.length == 3
                && arguments[2] instanceof Consumer<?> handler) {
            arguments[2] = failingFirst((Consumer<EventEnvelope<?>>) handler);
        }
        return invocation.proceed();
    }

    private Consumer<EventEnvelope<?>> failingFirst(Consumer<EventEnvelope<?>> handler) {
        return event -> {
            if (subjects.contains(event.subject()) && failed.add(event.subject())) {
                throw new IllegalStateException("Injected failure of the first delivery of " + event.id()
                        + " (" + SUBJECTS + ")");
            }
            handler.accept(event);
        };
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!subjects.isEmpty() && !inboxDecorated) {
            throw new IllegalStateException(SUBJECTS + " is set but this application has no " + INBOX
                    + " to fail deliveries in");
        }
    }
}
