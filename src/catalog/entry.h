/* What a catalog entry's source file needs: the public types and the math. */
#ifndef ACTIV_ENTRY_H
#define ACTIV_ENTRY_H

#include <math.h>

#include "activ/activ.h"
#include "mathx.h"

/*
 * Common error bounds (float results against MPFR, see activ_bound).
 * The float functions round the double result once, so where the double
 * computation is accurate the float result is within 0.5 ULP plus the
 * double error: 1 ULP is the honest bound.  Piecewise-linear entries are
 * exact but for one rounding.
 */
#define ACTIV_BOUND_EXACT {1, 0, 1, 0, 1, 0, NULL}
#define ACTIV_BOUND_1ULP {1, 0, 1, 0, 1, 0, NULL}

/* ReLU's functions (relu.c), shared by the entries built on it. */
double relu_f(double x, const double *p);
double relu_df(double x, const double *p);
double relu_dy(double y, const double *p);

/* The identity and its derivative (misc.c), shared by Maxout, log-softmax and sparsemax. */
double ident_f(double x, const double *p);
double one_f(double x, const double *p);

#endif
