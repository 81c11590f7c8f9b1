// `npm start`: serves the built dashboard from dist/ and prints its address.
import { existsSync } from 'node:fs';
import { startServer } from './static-server.mjs';

if (!existsSync('dist/index.html')) {
  console.error('Hittar inte dist/index.html. Bygg först med "npm run build" (npm start gör det åt dig).');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
// PUBLIC_HOST: the name users type, when it is not localhost (the server refuses other Host headers).
const hosts = process.env.PUBLIC_HOST ? [process.env.PUBLIC_HOST] : [];
const { url } = await startServer('dist', port, { hosts });
console.log(`Biståndsläget körs på ${url}  (avsluta med Ctrl+C)`);
