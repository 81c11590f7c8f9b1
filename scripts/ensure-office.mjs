// The export tests open our XLSX/PPTX/PDF with real consumers: LibreOffice (headless) and poppler's
// pdftoppm, from Debian's packages. If one is missing and we are root on Debian, install it with
// apt-get (as ensure-chromium.mjs does for the browser); otherwise say how, in one line.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Debian packages the export tests need: Calc and Impress filters for soffice, pdftoppm. */
export const OFFICE_PACKAGES = ['libreoffice-calc', 'libreoffice-impress', 'poppler-utils'];
const BINARIES = ['/usr/bin/soffice', '/usr/bin/pdftoppm'];

/** True when LibreOffice and pdftoppm are on this machine. */
export function hasOffice() {
  return BINARIES.every((path) => existsSync(path));
}

/** True when this process may install Debian packages itself. */
export function canInstallOffice() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
}

/** Installs the packages when missing and allowed; returns whether they are there afterwards. */
export function ensureOffice({ quiet = false } = {}) {
  if (hasOffice()) return true;
  if (!canInstallOffice()) return false;
  if (!quiet) console.log(`LibreOffice/pdftoppm saknas: installerar ${OFFICE_PACKAGES.join(', ')} med apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const stdio = quiet ? 'ignore' : 'inherit';
  execFileSync('apt-get', ['update', '-qq'], { stdio, env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...OFFICE_PACKAGES], { stdio, env });
  return hasOffice();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (ensureOffice()) process.exit(0);
  console.error(`LibreOffice saknas: installera med "sudo apt-get install ${OFFICE_PACKAGES.join(' ')}" (exporttesterna hoppas annars över).`);
  // Not fatal: without root the export tests skip and say so; everything else still runs.
  process.exit(0);
}
