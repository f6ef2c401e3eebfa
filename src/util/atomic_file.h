/* Files that appear whole or not at all: write to a temporary beside the
   target, flush and sync, then rename over it. */
#ifndef ACTIV_ATOMIC_FILE_H
#define ACTIV_ATOMIC_FILE_H

#include <stdio.h>

typedef struct atomic_file {
    FILE *f;
    char *path, *tmp;
} atomic_file;

/* Opens; on failure returns -1 with errno set. */
int atomic_open(atomic_file *af, const char *path);
/* Commits (returns 0) or, if anything failed, removes the temporary and returns -1. */
int atomic_commit(atomic_file *af);
/* Gives up: removes the temporary. */
void atomic_abort(atomic_file *af);

#endif
