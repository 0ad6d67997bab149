package org.xai4j.train;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.deeplearning4j.ui.VertxUIServer;

/**
 * Deploys DL4J's {@link VertxUIServer} so that it listens on one host instead of every interface. The server
 * verticle creates its HTTP server with {@code vertx.createHttpServer().requestHandler(r).listen(port, cb)}, which
 * Vert.x binds to 0.0.0.0; here the verticle is initialised with a view of the Vert.x instance whose
 * {@code createHttpServer()} returns a view of the server whose {@code listen(port, cb)} names the host, everything
 * else passing through (tested over real sockets in {@code TrainingUiTest}).
 * The port goes through DL4J's own port property, as its {@code getInstance} would set it.
 */
final class HostBoundVertx {
    private HostBoundVertx() {
    }

    /** Starts the UI server on {@code host:port} and waits until it listens. */
    static synchronized VertxUIServer deployUi(String host, int port) {
        Vertx vertx = Vertx.vertx();
        Vertx bound = bind(vertx, host);
        CompletableFuture<VertxUIServer> started = new CompletableFuture<>();
        String previous = System.getProperty(DL4JSystemProperties.UI_SERVER_PORT_PROPERTY);
        System.setProperty(DL4JSystemProperties.UI_SERVER_PORT_PROPERTY, Integer.toString(port));
        try {
            vertx.deployVerticle(new AbstractVerticle() {
                private VertxUIServer ui;

                @Override
                public void init(Vertx v, Context context) {
                    super.init(v, context);
                    ui = new VertxUIServer();
                    ui.init(bound, context);
                }

                @Override
                public void start(Promise<Void> done) throws Exception {
                    Promise<Void> p = Promise.promise();
                    p.future().onComplete(r -> {
                        if (r.succeeded()) {
                            started.complete(ui);
                        } else {
                            started.completeExceptionally(r.cause());
                        }
                    });
                    p.future().onComplete(done);
                    ui.start(p);
                }
            });
            return started.get();
        } catch (ExecutionException e) {
            vertx.close();
            Throwable cause = e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            throw new IllegalArgumentException("--port " + port + ": the UI cannot listen on " + host + ":" + port
                    + " (" + cause.getMessage() + "); choose another port, or 0 for any free one", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IllegalStateException("interrupted while starting the UI", e);
        } finally {
            if (previous == null) {
                System.clearProperty(DL4JSystemProperties.UI_SERVER_PORT_PROPERTY);
            } else {
                System.setProperty(DL4JSystemProperties.UI_SERVER_PORT_PROPERTY, previous);
            }
        }
    }

    /**
     * {@code server} whose {@code listen(port, handler)} listens on {@code host} (Vert.x's own uses 0.0.0.0 whatever
     * the options say); its fluent methods return this view, so a call chain stays on it.
     */
    @SuppressWarnings("unchecked")
    private static HttpServer bind(HttpServer server, String host) {
        return (HttpServer) Proxy.newProxyInstance(HostBoundVertx.class.getClassLoader(),
                new Class<?>[] {HttpServer.class}, (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("listen") && args != null && args.length == 2
                                && args[0] instanceof Integer && args[1] instanceof Handler) {
                            server.listen((Integer) args[0], host,
                                    (Handler<AsyncResult<HttpServer>>) args[1]);
                            return proxy;
                        }
                        Object result = method.invoke(server, args);
                        return result == server ? proxy : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** {@code vertx} whose no-argument {@code createHttpServer()} listens on {@code host}. */
    private static Vertx bind(Vertx vertx, String host) {
        return (Vertx) Proxy.newProxyInstance(HostBoundVertx.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("createHttpServer") && (args == null || args.length == 0)) {
                            return bind(vertx.createHttpServer(new HttpServerOptions().setHost(host)), host);
                        }
                        return method.invoke(vertx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
