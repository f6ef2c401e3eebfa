/* activ merge: the journals of a search's shards into one journal and report. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "search/merge.h"

static void merge_usage(FILE *f)
{
    fprintf(f, "usage: activ merge DIR... -o OUT [--allow-partial]\n\n"
               "Combines the journals of a search's parts (activ search --shard K/N -o DIR) into OUT and\n"
               "writes the report there, the one the whole search writes.  The parts must hold the same\n"
               "configuration, and a run found in several parts must have the same result in each.  A run in\n"
               "none of them refuses the merge; --allow-partial writes a report marked PARTIAL instead.\n"
               "OUT may be one of the DIRs (shards that shared one DIR: activ merge DIR -o DIR).\n");
}

int cmd_merge(int argc, char **argv)
{
    merge_options m = {calloc((size_t)argc, sizeof(char *)), 0, NULL, 0};
    if (!m.dirs) return 1;
    int rc = EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            merge_usage(stdout);
            rc = 0;
            goto done;
        } else if (!strcmp(argv[i], "--allow-partial")) m.allow_partial = 1;
        else if (!strcmp(argv[i], "-o")) {
            if (i + 1 >= argc) {
                cli_error("-o needs a directory (see 'activ merge --help')");
                goto done;
            }
            m.out = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("unknown option '%s' (see 'activ merge --help')", argv[i]);
            goto done;
        } else m.dirs[m.ndirs++] = argv[i];
    }
    if (!m.ndirs || !m.out) {
        cli_error("merge needs the parts' directories and -o OUT (see 'activ merge --help')");
        goto done;
    }
    rc = search_merge(&m);
done:
    free(m.dirs);
    return rc;
}
