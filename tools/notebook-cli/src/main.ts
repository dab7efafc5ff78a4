import { run } from './notebook-cli';

/** `npm run notebook`: doctor, list, open (starting a stopped notebook on request), start, stop. */
run(process.argv.slice(2)).then((code) => process.exit(code));
