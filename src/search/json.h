/*
 * A small, strict JSON reader (RFC 8259) for the search journal (writing is
 * report/json_out.h's).  The reader is for files a user may have edited or a crash
 * may have cut: any malformed input gives an error with its line and column,
 * never a crash; nesting is limited so hostile input cannot exhaust the stack.
 */
#ifndef ACTIV_SEARCH_JSON_H
#define ACTIV_SEARCH_JSON_H

#include <stddef.h>
#include <stdio.h>

typedef enum sjson_type { SJSON_NULL, SJSON_BOOL, SJSON_NUM, SJSON_STR, SJSON_ARR, SJSON_OBJ } sjson_type;

typedef struct sjson {
    sjson_type type;
    int boolean;
    double num;
    char *str;           /* SJSON_STR: UTF-8, no embedded NUL */
    struct sjson *items; /* SJSON_ARR elements or SJSON_OBJ values */
    char **keys;         /* SJSON_OBJ keys, in file order (duplicates are rejected) */
    size_t n;
} sjson;

/* Parses len bytes; 0, or -1 with "line L, column C: what" in err (out is then empty). */
int sjson_parse(const char *text, size_t len, sjson *out, char *err, size_t errlen);
/* Reads and parses a whole file; errors name the file. */
int sjson_parse_file(const char *path, sjson *out, char *err, size_t errlen);
void sjson_free(sjson *v);

/* The member key of an object, or NULL (also when v is not an object). */
const sjson *sjson_get(const sjson *v, const char *key);
/* A number as json_number writes it: null is NaN, "inf"/"-inf" are infinities.  0 or -1. */
int sjson_number(const sjson *v, double *out);
/* Deep equality; numbers compare as doubles (so exactly, as written with 17 digits). */
int sjson_equal(const sjson *a, const sjson *b);

/* Writes any value back as JSON (with report/json_out.h's strings and numbers). */
void sjson_write(FILE *f, const sjson *v);

#endif
