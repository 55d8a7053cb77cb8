using Berth.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.Metadata;

/// <summary>
/// All of berthd's metadata in one SQLite database (WAL). Every public method is one
/// transaction: after a crash the database holds each change whole or not at all.
/// One connection, used under a lock: SQLite has a single writer anyway, and the
/// statements are microseconds long.
/// </summary>
public sealed partial class MetadataStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    public MetadataStore(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Migrate();
    }

    private void Migrate()
    {
        long version = Scalar<long>("PRAGMA user_version");
        for (int i = (int)version; i < Schema.Migrations.Length; i++)
        {
            using var tx = _db.BeginTransaction();
            Execute(Schema.Migrations[i], tx);
            Execute($"PRAGMA user_version = {i + 1}", tx);
            tx.Commit();
        }
    }

    private T InTransaction<T>(Func<SqliteTransaction, T> work)
    {
        lock (_lock)
        {
            using var tx = _db.BeginTransaction();
            T result = work(tx);
            tx.Commit();
            return result;
        }
    }

    private void InTransaction(Action<SqliteTransaction> work) => InTransaction(tx => { work(tx); return 0; });

    private T Read<T>(Func<T> work)
    {
        lock (_lock)
            return work();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private int Execute(string sql, SqliteTransaction? tx = null, params (string, object?)[] args)
    {
        using var cmd = Command(sql, tx, args);
        return cmd.ExecuteNonQuery();
    }

    private T Scalar<T>(string sql, SqliteTransaction? tx = null, params (string, object?)[] args)
    {
        using var cmd = Command(sql, tx, args);
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T));
    }

    private static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19;

    private static BerthException Conflict(string message) => new(ErrorKind.Conflict, message);

    public void Dispose() => _db.Dispose();
}
