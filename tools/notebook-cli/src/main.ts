import { run } from './notebook-cli';

/** `npm run notebook`: list the notebooks of an env-region, or print (and optionally open) a presigned URL. */
run(process.argv.slice(2)).then((code) => process.exit(code));
