/*
 * A headless pidgin-sipe client for the interoperability tests: libpurple with the SIPE
 * plugin, driven from the command line instead of a user interface.
 *
 *   sipe-driver --home DIR --user alice@DOMAIN --server HOST:PORT [--transport tcp|tls]
 *               --room NAME [--post TEXT] [--expect TEXT] [--timeout SECONDS]
 *
 * It signs in, asks the room list until NAME appears, joins it, then posts TEXT and/or waits
 * until a chat message containing TEXT arrives (live or from the room's history). Every step
 * is one line on stdout (SIGNED-ON, RECONNECT, ROOM, JOINED, POSTED, RECEIVED, ERROR) for the test to read;
 * PURPLE_UNSAFE_DEBUG=1 with --debug adds SIPE's own log, every SIP message included.
 * Exit status: 0 done, 1 usage, 2 sign-in failed, 3 an error was shown, 4 timed out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <purple.h>

#define UI_ID "groupchat-sipe-driver"

static GMainLoop *loop;
static PurpleAccount *account;
static const char *room_name, *post_text, *expect_text;
static PurpleRoomlist *roomlist;
static gboolean joined, posted;
static int status = 4;

/* --- the glib event loop for libpurple, as every headless libpurple program needs --- */

typedef struct {
	PurpleInputFunction function;
	gpointer data;
} IoClosure;

static gboolean io_invoke(GIOChannel *source, GIOCondition condition, gpointer data)
{
	IoClosure *closure = data;
	PurpleInputCondition purple_condition = 0;
	if (condition & (G_IO_IN | G_IO_HUP | G_IO_ERR))
		purple_condition |= PURPLE_INPUT_READ;
	if (condition & (G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL))
		purple_condition |= PURPLE_INPUT_WRITE;
	closure->function(closure->data, g_io_channel_unix_get_fd(source), purple_condition);
	return TRUE;
}

static guint input_add(gint fd, PurpleInputCondition condition, PurpleInputFunction function, gpointer data)
{
	IoClosure *closure = g_new0(IoClosure, 1);
	GIOCondition glib_condition = 0;
	GIOChannel *channel;
	guint id;

	closure->function = function;
	closure->data = data;
	if (condition & PURPLE_INPUT_READ)
		glib_condition |= G_IO_IN | G_IO_HUP | G_IO_ERR;
	if (condition & PURPLE_INPUT_WRITE)
		glib_condition |= G_IO_OUT | G_IO_HUP | G_IO_ERR | G_IO_NVAL;
	channel = g_io_channel_unix_new(fd);
	id = g_io_add_watch_full(channel, G_PRIORITY_DEFAULT, glib_condition, io_invoke, closure, g_free);
	g_io_channel_unref(channel);
	return id;
}

static PurpleEventLoopUiOps event_loop = {
	g_timeout_add, g_source_remove, input_add, g_source_remove, NULL, g_timeout_add_seconds,
	NULL, NULL, NULL
};

/* --- ending --- */

static gboolean quit(gpointer unused)
{
	g_main_loop_quit(loop);
	return FALSE;
}

static gboolean sign_out(gpointer unused)
{
	purple_account_set_enabled(account, UI_ID, FALSE);
	g_timeout_add(1000, quit, NULL);
	return FALSE;
}

/* Signs out cleanly (SIPE ends its dialogs and unregisters), then leaves. Called from inside
   libpurple's callbacks, so the signing out waits until they have returned. */
static void finish(int exit_status)
{
	if (status != 4 && exit_status != 3)
		return;
	status = exit_status;
	g_idle_add(sign_out, NULL);
}

static gboolean timed_out(gpointer unused)
{
	printf("TIMEOUT joined=%d posted=%d\n", joined, posted);
	finish(4);
	return FALSE;
}

/* Errors SIPE shows the user ("message not delivered", "error joining chat room", ...). */
static void *notify_message(PurpleNotifyMsgType type, const char *title, const char *primary, const char *secondary)
{
	printf("%s %s: %s %s\n", type == PURPLE_NOTIFY_MSG_ERROR ? "ERROR" : "NOTICE",
	       title ? title : "", primary ? primary : "", secondary ? secondary : "");
	if (type == PURPLE_NOTIFY_MSG_ERROR)
		finish(3);
	return NULL;
}

static PurpleNotifyUiOps notify_ops = { notify_message, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };

/* --- finding and joining the room --- */

static void join(const char *uri)
{
	GHashTable *components = g_hash_table_new(g_str_hash, g_str_equal);
	printf("ROOM %s %s\n", room_name, uri);
	g_hash_table_insert(components, "uri", (gpointer) uri);
	serv_join_chat(purple_account_get_connection(account), components);
	g_hash_table_destroy(components);
}

/* The room list arrives asynchronously; until the group chat session is up SIPE refuses to ask. */
static gboolean look_for_room(gpointer unused)
{
	PurpleConnection *gc = purple_account_get_connection(account);
	GList *rooms;

	if (joined || !gc || !PURPLE_CONNECTION_IS_CONNECTED(gc))
		return !joined;
	if (roomlist && purple_roomlist_get_in_progress(roomlist))
		return TRUE;
	if (roomlist) {
		for (rooms = roomlist->rooms; rooms; rooms = rooms->next) {
			PurpleRoomlistRoom *room = rooms->data;
			if (g_strcmp0(purple_roomlist_room_get_name(room), room_name) == 0) {
				join(purple_roomlist_room_get_fields(room)->data);
				purple_roomlist_unref(roomlist);
				roomlist = NULL;
				return FALSE;
			}
		}
		purple_roomlist_unref(roomlist);
	}
	roomlist = purple_roomlist_get_list(gc);
	if (roomlist)
		purple_roomlist_ref(roomlist);
	return TRUE;
}

/* --- signals --- */

static void signed_on(PurpleConnection *gc, gpointer unused)
{
	printf("SIGNED-ON %s\n", purple_account_get_username(account));
	g_timeout_add(1000, look_for_room, NULL);
}

static gboolean reconnecting;

static gboolean reconnect(gpointer unused)
{
	reconnecting = FALSE;
	purple_account_connect(account);
	return FALSE;
}

/*
 * Pidgin reconnects after a connection error, and so does this driver, twice, before it has
 * joined: SIPE 1.25 sometimes corrupts its TCP send buffer (for some message lengths it sends the
 * tail of its REGISTER again after its SUBSCRIBE) and the server closes such a connection.
 */
static void connection_error(PurpleConnection *gc, PurpleConnectionError reason, const char *description, gpointer unused)
{
	static int reconnects;

	if (reconnecting)
		return; /* the same failure, told again ("Write error" after "Server has disconnected") */
	if (!joined && status == 4 && reconnects < 2) {
		reconnecting = TRUE;
		reconnects++;
		printf("RECONNECT after: %s\n", description);
		g_timeout_add(2000, reconnect, NULL);
		return;
	}
	printf("ERROR connection: %s\n", description);
	finish(2);
}

static gboolean received_chat(PurpleAccount *acct, const char *sender, const char *message, PurpleConversation *conv, PurpleMessageFlags flags)
{
	printf("RECEIVED %s %s %s\n", purple_conversation_get_name(conv), sender, message);
	if (expect_text && strstr(message, expect_text))
		finish(0);
	return FALSE;
}

static void wrote_chat(PurpleAccount *acct, const char *who, const char *message, PurpleConversation *conv, PurpleMessageFlags flags)
{
	if (flags & PURPLE_MESSAGE_ERROR) {
		printf("ERROR in %s: %s\n", purple_conversation_get_name(conv), message);
		finish(3);
	}
}

static gboolean posted_and_not_refused(gpointer unused)
{
	printf("POSTED %s\n", post_text);
	if (!expect_text)
		finish(0);
	return FALSE;
}

static gboolean post(gpointer conv)
{
	purple_conv_chat_send(PURPLE_CONV_CHAT((PurpleConversation *) conv), post_text);
	posted = TRUE;
	/* SIPE says nothing when the server's 200 accepts a post, only when it refuses one. */
	g_timeout_add(3000, posted_and_not_refused, NULL);
	return FALSE;
}

static void chat_joined(PurpleConversation *conv, gpointer unused)
{
	joined = TRUE;
	printf("JOINED %s\n", purple_conversation_get_name(conv));
	/* SIPE announces the conversation before it records the room: a post sent from inside
	   this signal would find no room and be dropped without a word. */
	if (post_text)
		g_timeout_add(500, post, conv);
}

int main(int argc, char **argv)
{
	const char *home = NULL, *user = NULL, *server = NULL, *transport = "tcp";
	int timeout = 60, i;
	gboolean debug = FALSE;
	static int handle;

	for (i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;
		if      (!strcmp(argv[i], "--debug")) { debug = TRUE; continue; }
		else if (!value) break;
		else if (!strcmp(argv[i], "--home")) home = value;
		else if (!strcmp(argv[i], "--user")) user = value;
		else if (!strcmp(argv[i], "--server")) server = value;
		else if (!strcmp(argv[i], "--transport")) transport = value;
		else if (!strcmp(argv[i], "--room")) room_name = value;
		else if (!strcmp(argv[i], "--post")) post_text = value;
		else if (!strcmp(argv[i], "--expect")) expect_text = value;
		else if (!strcmp(argv[i], "--timeout")) timeout = atoi(value);
		else break;
		i++;
	}
	if (i < argc || !home || !user || !server || !room_name || (!post_text && !expect_text)) {
		fprintf(stderr, "usage: sipe-driver --home DIR --user USER@DOMAIN --server HOST:PORT [--transport tcp|tls]"
			" --room NAME [--post TEXT] [--expect TEXT] [--timeout SECONDS] [--debug]\n");
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	loop = g_main_loop_new(NULL, FALSE);
	purple_util_set_user_dir(home);
	purple_debug_set_enabled(debug);
	purple_eventloop_set_ui_ops(&event_loop);
	purple_notify_set_ui_ops(&notify_ops);
	if (!purple_core_init(UI_ID)) {
		fprintf(stderr, "libpurple did not start\n");
		return 2;
	}
	purple_set_blist(purple_blist_new());
	if (!purple_find_prpl("prpl-sipe")) {
		fprintf(stderr, "the SIPE plugin (prpl-sipe) is not installed\n");
		return 2;
	}

	purple_signal_connect(purple_connections_get_handle(), "signed-on", &handle, PURPLE_CALLBACK(signed_on), NULL);
	purple_signal_connect(purple_connections_get_handle(), "connection-error", &handle, PURPLE_CALLBACK(connection_error), NULL);
	purple_signal_connect(purple_conversations_get_handle(), "received-chat-msg", &handle, PURPLE_CALLBACK(received_chat), NULL);
	purple_signal_connect(purple_conversations_get_handle(), "wrote-chat-msg", &handle, PURPLE_CALLBACK(wrote_chat), NULL);
	purple_signal_connect(purple_conversations_get_handle(), "chat-joined", &handle, PURPLE_CALLBACK(chat_joined), NULL);

	account = purple_account_new(user, "prpl-sipe");
	purple_account_set_password(account, "not-checked-by-an-open-front-end");
	purple_account_set_string(account, "server", server);
	purple_account_set_string(account, "transport", transport);
	purple_accounts_add(account);
	purple_account_set_enabled(account, UI_ID, TRUE);
	purple_savedstatus_activate(purple_savedstatus_new(NULL, PURPLE_STATUS_AVAILABLE));

	g_timeout_add_seconds(timeout, timed_out, NULL);
	g_main_loop_run(loop);
	return status;
}
