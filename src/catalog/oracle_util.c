/* Helpers for the MPFR oracles (test-only). */
#include "oracle.h"

void ora_sigmoid(mpfr_ptr y, mpfr_srcptr x)
{
    ORA_TMP(y, t);
    mpfr_neg(t, x, ORA_RND);
    mpfr_exp(t, t, ORA_RND); /* may overflow to +inf for x << 0: 1/(1+inf) = 0, right */
    mpfr_add_ui(t, t, 1, ORA_RND);
    mpfr_ui_div(y, 1, t, ORA_RND);
    ORA_FREE(t);
}

void ora_softplus(mpfr_ptr y, mpfr_srcptr x)
{
    ORA_TMP(y, t, a);
    mpfr_abs(a, x, ORA_RND);
    mpfr_neg(t, a, ORA_RND);
    mpfr_exp(t, t, ORA_RND);
    mpfr_log1p(t, t, ORA_RND);
    if (mpfr_sgn(x) > 0)
        mpfr_add(y, x, t, ORA_RND);
    else
        mpfr_set(y, t, ORA_RND);
    if (mpfr_nan_p(x)) mpfr_set_nan(y);
    ORA_FREE(t, a);
}

void ora_relu(mpfr_ptr y, mpfr_srcptr x)
{
    if (mpfr_nan_p(x)) mpfr_set_nan(y);
    else if (mpfr_sgn(x) > 0) mpfr_set(y, x, ORA_RND);
    else mpfr_set_zero(y, 1);
}

void ora_Phi(mpfr_ptr y, mpfr_srcptr x)
{
    ORA_TMP(y, t);
    mpfr_sqrt_ui(t, 2, ORA_RND);
    mpfr_div(t, x, t, ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    mpfr_erfc(t, t, ORA_RND);
    mpfr_div_2ui(y, t, 1, ORA_RND);
    ORA_FREE(t);
}

void ora_phi(mpfr_ptr y, mpfr_srcptr x)
{
    ORA_TMP(y, t, c);
    mpfr_sqr(t, x, ORA_RND);
    mpfr_div_2ui(t, t, 1, ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    mpfr_exp(t, t, ORA_RND);
    mpfr_const_pi(c, ORA_RND);
    mpfr_mul_2ui(c, c, 1, ORA_RND);
    mpfr_sqrt(c, c, ORA_RND);
    mpfr_div(y, t, c, ORA_RND);
    ORA_FREE(t, c);
}

void ora_mul0(mpfr_ptr y, mpfr_srcptr a, mpfr_srcptr b)
{
    if ((mpfr_zero_p(a) && !mpfr_nan_p(b)) || (mpfr_zero_p(b) && !mpfr_nan_p(a)))
        mpfr_set_zero(y, 1);
    else
        mpfr_mul(y, a, b, ORA_RND);
}
