/* MPFR oracles for relu.c: each forward straight from its definition. */
#include "oracle.h"

void activ_oracle_relu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    (void)p;
    ora_relu(y, x);
}

static void leaky(mpfr_ptr y, mpfr_srcptr x, mpfr_srcptr slope)
{
    if (mpfr_sgn(x) > 0) mpfr_set(y, x, ORA_RND);
    else mpfr_mul(y, x, slope, ORA_RND);
}
void activ_oracle_leaky_relu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p) { leaky(y, x, p[0]); }
void activ_oracle_prelu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p) { leaky(y, x, p[0]); }
