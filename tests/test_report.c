/*
 * The report of a synthetic search (3 activations x 3 seeds x 5 epochs, one
 * run diverged): every file written, results.csv read back against values
 * computed by hand, the terminal summary, bad input refused with nothing
 * left behind.  `test_report DIR` writes into DIR (made if absent) for the
 * JSON and rendering tests; with --predict it adds predicted scores.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report/report.h"

static int failures;

static void truth(const char *what, int ok)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

#define NRUNS 9
#define EPOCHS 5
static activ_epoch_log logs[NRUNS][EPOCHS];

/*
 * Test accuracies (fractions), seeds 1, 2, 3:
 *   relu 0.90 0.91 0.92  mean 0.91, sd 0.01
 *   mish 0.92 0.94 0.93  mean 0.93, differences 0.02 0.03 0.01: t = 2 sqrt 3, df 2,
 *                        p = 1 - 2 sqrt 3 / sqrt 14 = 0.0741799 (F_2(t) = 1/2 + t / (2 sqrt(2 + t^2)))
 *   tanh 0.85 0.30 0.86  seed 2 diverged in epoch 4 (0.30: its best epoch before), mean 0.67
 */
static void synthetic(search_run *runs)
{
    const char *acts[] = {"relu", "mish", "tanh"};
    const double acc[3][3] = {{0.90, 0.91, 0.92}, {0.92, 0.94, 0.93}, {0.85, 0.30, 0.86}};
    for (int a = 0, i = 0; a < 3; a++)
        for (int s = 0; s < 3; s++, i++) {
            search_run *r = &runs[i];
            memset(r, 0, sizeof *r);
            snprintf(r->act, sizeof r->act, "%s", acts[a]);
            r->seed = s + 1, r->test_acc = acc[a][s], r->test_loss = 1 - acc[a][s];
            r->epochs_run = EPOCHS, r->best_epoch = EPOCHS, r->log = logs[i];
            r->sec_per_epoch = 2.0 + a, r->peak_rss_mb = 300 + 10 * a, r->params = 1000;
            for (int e = 0; e < EPOCHS; e++)
                logs[i][e] = (activ_epoch_log){e + 1, 1.0 / (e + 1), 0.5 + 0.1 * e, 1.2 / (e + 1),
                                               acc[a][s] - 0.02 * (EPOCHS - 1 - e), 2.0 + a, 1e-3};
            r->best_val_acc = logs[i][EPOCHS - 1].val_acc;
        }
    search_run *d = &runs[7];
    d->diverged = 1, d->diverged_epoch = 4, d->epochs_run = 4, d->best_epoch = 3;
    logs[7][3].train_loss = NAN, logs[7][3].val_loss = NAN, logs[7][3].val_acc = 0.1;
}

static const search_meta meta = {
    .command_line = "activ search --model cnn --acts relu,mish,tanh --seeds 3 --epochs 5 -o out",
    .version = "0.1.0", .commit = "abc1234", .cpu = "Test CPU", .isa = "avx2",
    .model = "cnn", .data = "synthetic", .baseline = "relu", .preset = "test",
    .epochs = 5, .seeds = 3, .threads = 2, .workers = 1, .total_seconds = 123.5,
};

static const search_act_cost costs[] = {{"relu", 0.1, 0.2}, {"mish", 1.5, 2.5}, {"tanh", 0.8, 0.9}};

static int exists(const char *dir, const char *name)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 && st.st_size > 0;
}

/* results.csv: skip the '#' header, check the column names, then each row against the hand values. */
static void read_results_csv(const char *dir)
{
    char path[4096], line[4096];
    snprintf(path, sizeof path, "%s/results.csv", dir);
    FILE *f = fopen(path, "r");
    truth("results.csv opens", f != NULL);
    if (!f) return;
    int nheader = 0, row = 0, saw_commit = 0;
    const char *order[] = {"mish", "relu", "tanh"};
    const double mean[] = {0.93, 0.91, 0.67}, p[] = {1 - 2 * sqrt(3) / sqrt(14), NAN, NAN};
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') {
            nheader++;
            saw_commit |= !strcmp(line, "# commit: abc1234\n");
            continue;
        }
        if (!strncmp(line, "rank,", 5)) {
            truth("results.csv columns", strstr(line, "test_acc_mean,test_acc_sd,ci95_lo,ci95_hi") != NULL);
            continue;
        }
        /* rank,activation,baseline,runs,diverged,valid,mean,sd,ci_lo,ci_hi,best,worst,paired,diff,t,p_t */
        char *field[32];
        int nf = 0;
        for (char *s = line, *end; nf < 32; s = end + 1) {
            field[nf++] = s;
            if (!(end = strpbrk(s, ",\n"))) break;
            *end = 0;
        }
        if (row >= 3 || nf < 24) {
            truth("results.csv has 3 rows of 24 fields", 0);
            break;
        }
        char what[64];
        snprintf(what, sizeof what, "results.csv row %d is %s", row + 1, order[row]);
        truth(what, atoi(field[0]) == row + 1 && !strcmp(field[1], order[row]));
        snprintf(what, sizeof what, "results.csv mean of %s", order[row]);
        truth(what, fabs(atof(field[6]) - mean[row]) < 1e-9);
        if (row == 0) truth("results.csv p of mish", fabs(atof(field[15]) - p[0]) < 1e-7);
        if (row == 1) truth("results.csv baseline flag and empty p", atoi(field[2]) == 1 && field[15][0] == 0);
        if (row == 2) truth("results.csv tanh diverged 1 of 3", atoi(field[3]) == 3 && atoi(field[4]) == 1);
        row++;
    }
    fclose(f);
    truth("results.csv: reproducibility header", nheader >= 10 && saw_commit);
    truth("results.csv: 3 rows", row == 3);
}

static int contains(const char *dir, const char *name, const char *needle)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return strstr(buf, needle) != NULL;
}

static void summary(const search_run *runs)
{
    FILE *t = tmpfile();
    char err[256], out[2048];
    truth("summary", t && !search_report_summary(t, "out", &meta, runs, NRUNS, costs, 3, err, sizeof err));
    if (!t) return;
    rewind(t);
    size_t n = fread(out, 1, sizeof out - 1, t);
    out[n] = 0;
    fclose(t);
    truth("summary names the winner and its lead", strstr(out, "mish wins with 93.00%") && strstr(out, "+2.00 points"));
    truth("summary says not significant", strstr(out, "p = 0.0742, not significant at 0.05") != NULL);
    truth("summary counts the diverged run", strstr(out, "tanh 1 of 3") != NULL);
    truth("summary gives the report's path", strstr(out, "out/report.html") != NULL);
    if (failures) fputs(out, stdout);

    /* the baseline wins: the sentence names the runner-up and how far behind it is */
    search_run worse[NRUNS];
    memcpy(worse, runs, sizeof worse);
    for (int i = 3; i < 6; i++) worse[i].test_acc -= 0.04;
    t = tmpfile();
    truth("summary, baseline best", t && !search_report_summary(t, NULL, &meta, worse, NRUNS, costs, 3, err, sizeof err));
    if (!t) return;
    rewind(t);
    n = fread(out, 1, sizeof out - 1, t);
    out[n] = 0;
    fclose(t);
    truth("baseline best: named with the runner-up",
          strstr(out, "The baseline relu is best with 91.00%") && strstr(out, "runner-up mish is -2.00 points behind"));
}

static void bad_input(search_run *runs, const char *dir)
{
    char err[512];
    truth("missing directory refused",
          search_report_write("/nonexistent/activ-report", &meta, runs, NRUNS, costs, 3, err, sizeof err) == -1 &&
              strstr(err, "/nonexistent/activ-report/"));
    /* a refused search leaves the files of the last good one untouched */
    runs[4].seed = 1;
    truth("duplicate run refused", search_report_write(dir, &meta, runs, NRUNS, costs, 3, err, sizeof err) == -1 &&
                                       strstr(err, "run 5 (mish, seed 1)"));
    runs[4].seed = 2;
    truth("files of the good report still there", exists(dir, "report.html") && contains(dir, "results.md", "mish"));
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[argc - 1] : "report_out";
    int predict = argc > 2 && !strcmp(argv[1], "--predict");
    if (mkdir(dir, 0777) && errno != EEXIST) {
        printf("cannot make %s: %s\n", dir, strerror(errno));
        return 1;
    }
    search_run runs[NRUNS];
    synthetic(runs);
    char err[512];
    activ_measured mish_props = {.nonlinearity = 0.194, .grad_log10 = 0.48, .output_mean = 0.24, .output_var = 0.39};
    const search_prediction pred[] = {{"tanh", 0.1, NULL}, {"relu", 0.5, NULL}, {"mish", 0.9, &mish_props}};
    int rc = search_report_write_pred(dir, &meta, runs, NRUNS, costs, 3, predict ? pred : NULL, predict ? 3 : 0, err,
                                      sizeof err);
    truth(err, rc == 0);
    const char *files[] = {"report.html", "results.md", "results.csv", "runs.csv", "curves.csv", "results.json"};
    for (int i = 0; i < 6; i++) truth(files[i], exists(dir, files[i]));
    read_results_csv(dir);
    truth("runs.csv has the diverged run", contains(dir, "runs.csv", "\ntanh,2,1,4,4,3,"));
    truth("curves.csv: NaN loss is an empty field", contains(dir, "curves.csv", "\ntanh,2,4,,0.8,,0.1,"));
    truth("results.md table row", contains(dir, "results.md", "| 1 | mish | **93.00 ± 1.00** | 90.52 – 95.48 | +2.00 | 0.0742 | 0.2500 | 0/3 |"));
    truth("results.md command line", contains(dir, "results.md", "`activ search --model cnn"));
    truth("html is one page with no external resource",
          contains(dir, "report.html", "<svg") && !contains(dir, "report.html", "src=\"http") &&
              !contains(dir, "report.html", "<script") && !contains(dir, "report.html", "<link"));
    truth("html prediction section only when given", predict == contains(dir, "report.html", "id=\"predicted\""));
    if (predict) truth("prediction in exact order: rho 1", contains(dir, "report.html", "<b>1.000</b> over 3"));
    summary(runs);
    if (!predict) bad_input(runs, dir);
    if (failures) printf("%d failure(s)\n", failures);
    else printf("report: all passed (%s)\n", dir);
    return failures != 0;
}
