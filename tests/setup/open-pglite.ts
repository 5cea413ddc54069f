/** Child process for the PGlite lock test: opens the embedded database in argv[2] and holds it. */
import { openDatabase } from "../../db";

openDatabase({ pgliteDir: process.argv[2]! }, { migrate: true })
  .then(() => {
    console.log("opened");
    setInterval(() => {}, 1000); // hold the database until killed
  })
  .catch((e: Error) => {
    console.error(`${e.name}: ${e.message}`);
    process.exit(1);
  });
