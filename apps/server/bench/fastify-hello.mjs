/**
 * The members bench's anchor (`fastify_hello`): a bare Fastify — the server workspace's own
 * version, no plugin, no logger — with one GET route answering a small JSON, on the port given
 * in PORT. Run by `node` in its own process, so that it shares nothing with the bench or the app.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', () => ({ status: 'ok' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
