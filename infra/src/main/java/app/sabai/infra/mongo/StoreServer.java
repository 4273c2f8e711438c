package app.sabai.infra.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * mongo-java-server's wire protocol on a TCP port, as its {@code MongoServer} serves it, with one handler more where the
 * backend needs it: the on-disk store's {@link GroupCommit} gate, which holds each answer until its changes are written.
 */
final class StoreServer implements AutoCloseable {

    private final MongoBackend backend;
    private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("store-accept", true),
            NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("store-worker", true),
            NioIoHandler.newFactory());
    private final ChannelGroup clients = new DefaultChannelGroup("store-clients", workers.next());
    private final Channel listening;

    /** Serves {@code backend}; {@code gate}, when given, makes the handler each connection's answers pass. */
    StoreServer(MongoBackend backend, String host, int port, Optional<Supplier<ChannelHandler>> gate) {
        this.backend = backend;
        try {
            this.listening = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 100)
                    .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                                    new MongoWireProtocolHandler());
                            gate.ifPresent(handler -> channel.pipeline().addLast(handler.get()));
                            channel.pipeline().addLast(new MongoDatabaseHandler(backend, clients), new MongoExceptionHandler());
                        }
                    })
                    .bind(new InetSocketAddress(host, port))
                    .syncUninterruptibly()
                    .channel();
        } catch (RuntimeException e) {
            shutDownThreads();
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /** Stops listening, closes every client connection, then the backend (the on-disk store commits on close). */
    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        shutDownThreads();
        backend.close();
    }

    private void shutDownThreads() {
        acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS);
        acceptor.terminationFuture().syncUninterruptibly();
        workers.terminationFuture().syncUninterruptibly();
    }
}
