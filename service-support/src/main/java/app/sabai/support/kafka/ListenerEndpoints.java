package app.sabai.support.kafka;

import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

import java.util.Collection;

/** A listener endpoint registered by code, which the container factory configures as it does a {@code @KafkaListener}'s. */
final class ListenerEndpoints {

    private ListenerEndpoints() {
    }

    /** The endpoint that hands the group's records of the topics to {@code bean}'s public method of that one parameter. */
    static MethodKafkaListenerEndpoint<Object, Object> of(String id, String groupId, Collection<String> topics, Object bean,
                                                           String method, Class<?> parameter) {
        MethodKafkaListenerEndpoint<Object, Object> endpoint = new MethodKafkaListenerEndpoint<>();
        endpoint.setId(id);
        endpoint.setGroupId(groupId);
        endpoint.setTopics(topics.toArray(String[]::new));
        endpoint.setBean(bean);
        try {
            endpoint.setMethod(bean.getClass().getMethod(method, parameter));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
        methods.afterPropertiesSet();
        endpoint.setMessageHandlerMethodFactory(methods);
        return endpoint;
    }
}
