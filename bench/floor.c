/* floor.c: the least a one-shot question can cost: start a process, open
 * the index read-only, run one trivial query, exit. faqbot's one-shot
 * latency is shown beside this.
 *
 *   floor DB */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor DB\n");
		return 2;
	}
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT 1 FROM meta LIMIT 1", -1,
		                        &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_ROW)
		rc = SQLITE_ERROR;
	if (rc != SQLITE_OK)
		fprintf(stderr, "floor: %s: %s\n", argv[1], sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : 2;
}
