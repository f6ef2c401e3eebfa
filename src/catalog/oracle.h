/*
 * The MPFR oracle (test-only; the library itself never links MPFR).
 *
 * Each entry NAME has, in its family's *.oracle.c file beside the code,
 *     void activ_oracle_NAME(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p);
 * computing f(x; p) straight from the definition at the precision of y.
 * Only the forward is written: the tests derive f' and the parameter
 * gradients from it by high-precision one-sided differences, so a hand-made
 * derivative is always checked against something independent.
 *
 * MPFR's exponent range is huge but finite: exp(3e38) overflows it, so write
 * forms that stay finite for large |x| (ora_softplus and ora_sigmoid do).
 */
#ifndef ACTIV_ORACLE_H
#define ACTIV_ORACLE_H

#include <mpfr.h>

typedef void (*activ_oracle_fn)(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p);

#define ORA_RND MPFR_RNDN

/* Temporaries at the precision of y: ORA_TMP(y, a, b, c) ... ORA_FREE(a, b, c). */
#define ORA_TMP(ref, ...)                                                             \
    mpfr_t __VA_ARGS__;                                                               \
    mpfr_inits2(mpfr_get_prec(ref), __VA_ARGS__, (mpfr_ptr)0)
#define ORA_FREE(...) mpfr_clears(__VA_ARGS__, (mpfr_ptr)0)

void ora_sigmoid(mpfr_ptr y, mpfr_srcptr x);  /* 1/(1+e^-x) */
void ora_softplus(mpfr_ptr y, mpfr_srcptr x); /* ln(1+e^x) */
void ora_relu(mpfr_ptr y, mpfr_srcptr x);     /* max(x, 0) */
void ora_Phi(mpfr_ptr y, mpfr_srcptr x);      /* standard normal CDF */
void ora_phi(mpfr_ptr y, mpfr_srcptr x);      /* standard normal PDF */
/* y = x * s where s -> 0 as x -> inf: 0 rather than NaN when s is 0. */
void ora_mul0(mpfr_ptr y, mpfr_srcptr a, mpfr_srcptr b);

#endif
