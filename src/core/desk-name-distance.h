#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Edit distance between two folded tokens counting a swap of two
 * neighbouring letters as one edit (Damerau, optimal string alignment):
 * "Jnoes" is one edit from "Jones". Gives up early: any distance above
 * @max is returned as @max + 1. Works on bytes (folded tokens are mostly
 * ASCII). */
guint   desk_name_distance     (const char *a,
                                gsize       a_len,
                                const char *b,
                                gsize       b_len,
                                guint       max);

/* A cheap filter before desk_name_distance(): a bit per letter a–z. Tokens
 * within k edits differ in at most 2k bits. */
guint32 desk_name_letter_mask  (const char *token);

G_END_DECLS
