// Browser tests use the system Chromium (Debian's package), never a downloaded browser build.
// If it is missing and we are root on Debian, install it with apt-get; otherwise say how, in one line.
// The export tests' real consumers (LibreOffice, pdftoppm) are ensured the same way, first.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { ensureOffice, OFFICE_PACKAGES } from './ensure-office.mjs';

if (!ensureOffice())
  console.warn(`LibreOffice saknas: exporttesterna hoppas över (installera med "sudo apt-get install ${OFFICE_PACKAGES.join(' ')}").`);

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!process.env.CHROMIUM_PATH && isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('Chromium saknas: installerar Debians paket "chromium" med apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync(path)) process.exit(0);
}
console.error(`Chromium saknas (${path}): installera med "sudo apt-get install chromium" eller ange sökvägen i CHROMIUM_PATH.`);
process.exit(1);
