#define G_LOG_DOMAIN "desk-ctl"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "desk-ctl.h"
#include "desk-key.h"

#define MAX_PASSWORD 1024

/* One line from @fd, without its line end; never more than MAX_PASSWORD. */
static char *
read_line (int fd)
{
  char *buffer = g_malloc0 (MAX_PASSWORD + 1);
  gsize length = 0;

  while (length < MAX_PASSWORD)
    {
      char c;
      ssize_t got = read (fd, &c, 1);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0 || c == '\n')
        break;
      buffer[length++] = c;
    }
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';
  return buffer;
}

char *
desk_ctl_read_password (const char *prompt)
{
  struct termios saved;
  struct termios quiet;
  char *password;

  if (!isatty (STDIN_FILENO))
    {
      password = read_line (STDIN_FILENO);
      if (*password == '\0')
        {
          desk_secure_free (password);
          desk_ctl_fail (_("no password on standard input; give it as the first line"));
          return NULL;
        }
      return password;
    }

  g_printerr ("%s", prompt);
  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      desk_ctl_fail (_("cannot turn off echo to read the password: %s"), g_strerror (errno));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  if (tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
    {
      desk_ctl_fail (_("cannot turn off echo to read the password: %s"), g_strerror (errno));
      return NULL;
    }
  password = read_line (STDIN_FILENO);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);

  if (*password == '\0')
    {
      desk_secure_free (password);
      desk_ctl_fail (_("no password given"));
      return NULL;
    }
  return password;
}
