/* MPFR oracles for adaptive.c: each forward straight from its definition. */
#include "oracle.h"

void activ_oracle_apl(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* max(0, x) + sum_s a_s*max(0, b_s - x); p: a1, a2, b1, b2 */
    ORA_TMP(y, t, acc);
    ora_relu(acc, x);
    for (int s = 0; s < 2; s++) {
        mpfr_sub(t, p[2 + s], x, ORA_RND);
        if (mpfr_sgn(t) > 0) {
            mpfr_mul(t, t, p[s], ORA_RND);
            mpfr_add(acc, acc, t, ORA_RND);
        }
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(t, acc);
}

void activ_oracle_swish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[0], ORA_RND);
    ora_sigmoid(t, t);
    mpfr_mul(y, x, t, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_eswish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, t);
    ora_sigmoid(t, x);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_mul(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_flatten_t_swish(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    if (mpfr_sgn(x) <= 0) {
        mpfr_set(y, p[0], ORA_RND);
        return;
    }
    ORA_TMP(y, t);
    ora_sigmoid(t, x);
    mpfr_mul(t, t, x, ORA_RND);
    mpfr_add(y, t, p[0], ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_aria2(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* x*(1 + e^(-beta x))^(-alpha) = x*exp(-alpha*ln(1 + e^(-beta x))),
       the logarithm by ora_softplus so that e^(-beta x) cannot overflow */
    ORA_TMP(y, t);
    mpfr_mul(t, x, p[1], ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    ora_softplus(t, t);
    mpfr_mul(t, t, p[0], ORA_RND);
    mpfr_neg(t, t, ORA_RND);
    mpfr_exp(t, t, ORA_RND);
    mpfr_mul(y, x, t, ORA_RND);
    ORA_FREE(t);
}

void activ_oracle_taf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    ORA_TMP(y, d, b2);
    mpfr_sub(d, x, p[0], ORA_RND);
    mpfr_sqr(d, d, ORA_RND);
    mpfr_sqr(b2, p[1], ORA_RND);
    mpfr_add(d, d, b2, ORA_RND);
    mpfr_sqrt(y, d, ORA_RND);
    ORA_FREE(d, b2);
}

void activ_oracle_slaf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* sum_{i<4} a_i x^i */
    ORA_TMP(y, acc, xi, t);
    mpfr_set_zero(acc, 1);
    mpfr_set_ui(xi, 1, ORA_RND);
    for (int i = 0; i < 4; i++) {
        mpfr_mul(t, p[i], xi, ORA_RND);
        mpfr_add(acc, acc, t, ORA_RND);
        mpfr_mul(xi, xi, x, ORA_RND);
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, xi, t);
}

void activ_oracle_melu(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* PReLU(x; a) + sum_j c_j*max(L_j - |x - A_j|, 0) */
    static const double A[4] = {2.0, 1.0, 3.0, 0.5}, L[4] = {2.0, 1.0, 1.0, 0.5};
    ORA_TMP(y, acc, t);
    if (mpfr_sgn(x) > 0) mpfr_set(acc, x, ORA_RND);
    else mpfr_mul(acc, x, p[0], ORA_RND);
    for (int j = 0; j < 4; j++) {
        mpfr_sub_d(t, x, A[j], ORA_RND);
        mpfr_abs(t, t, ORA_RND);
        mpfr_d_sub(t, L[j], t, ORA_RND);
        if (mpfr_sgn(t) > 0) {
            mpfr_mul(t, t, p[1 + j], ORA_RND);
            mpfr_add(acc, acc, t, ORA_RND);
        }
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, t);
}

void activ_oracle_aaf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* sigma(w x)*PReLU(x; p) + (1 - sigma(w x))*PELU(x; a, b) */
    ORA_TMP(y, z, g, h, pr, pe);
    mpfr_mul(z, x, p[0], ORA_RND);
    ora_sigmoid(g, z);
    mpfr_neg(z, z, ORA_RND);
    ora_sigmoid(h, z); /* 1 - sigma(w x) */
    if (mpfr_sgn(x) > 0) {
        mpfr_set(pr, x, ORA_RND);
        mpfr_mul(pe, x, p[2], ORA_RND);
        mpfr_div(pe, pe, p[3], ORA_RND);
    } else {
        mpfr_mul(pr, x, p[1], ORA_RND);
        mpfr_div(pe, x, p[3], ORA_RND);
        mpfr_expm1(pe, pe, ORA_RND);
        mpfr_mul(pe, pe, p[2], ORA_RND);
    }
    mpfr_mul(pr, pr, g, ORA_RND);
    mpfr_mul(pe, pe, h, ORA_RND);
    mpfr_add(y, pr, pe, ORA_RND);
    ORA_FREE(z, g, h, pr, pe);
}

void activ_oracle_kaf(mpfr_ptr y, mpfr_srcptr x, mpfr_t *p)
{
    /* sum_i alpha_i*exp(-gamma*(x - d_i)^2); d = numpy's linspace(-3, 3, 10)
       in double, the values the definition uses */
    static const double D[10] = {-3.0, -2.3333333333333335, -1.6666666666666667, -1.0, -0.3333333333333335,
                                 0.3333333333333335, 1.0, 1.666666666666667, 2.333333333333333, 3.0};
    ORA_TMP(y, acc, t);
    mpfr_set_zero(acc, 1);
    for (int i = 0; i < 10; i++) {
        mpfr_sub_d(t, x, D[i], ORA_RND);
        mpfr_sqr(t, t, ORA_RND);
        mpfr_mul(t, t, p[10], ORA_RND);
        mpfr_neg(t, t, ORA_RND);
        mpfr_exp(t, t, ORA_RND);
        mpfr_mul(t, t, p[i], ORA_RND);
        mpfr_add(acc, acc, t, ORA_RND);
    }
    mpfr_set(y, acc, ORA_RND);
    ORA_FREE(acc, t);
}
