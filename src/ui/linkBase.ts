/** The address links are built on: the published app when the build names one, else this page. */

const PUBLIC_URL: string = import.meta.env['ALTSCOPE_PUBLIC_URL'] ?? '';

export function linkBase(): string {
  return PUBLIC_URL !== '' ? PUBLIC_URL : location.href;
}
