/* Writing JSON: one quoting and one number format for every file activ writes. */
#ifndef ACTIV_REPORT_JSON_OUT_H
#define ACTIV_REPORT_JSON_OUT_H

#include <stdio.h>

/* A quoted, escaped string; null for NULL. */
void json_string(FILE *f, const char *s);
/* A number with every digit of a double; null for NaN, "inf"/"-inf" for infinities. */
void json_number(FILE *f, double v);

#endif
