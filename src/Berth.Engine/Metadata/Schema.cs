namespace Berth.Engine.Metadata;

/// <summary>
/// The database, version by version. Each migration runs once, in one transaction.
/// <code>
///   images(id PK, config, created, size, parent)      the config blob's bytes, verbatim
///     └─ image_layers(image_id, position, diff_id)    rootfs.diff_ids in order
///   tags(name PK → images.id)                        normalised references
///   layers(chain_id PK, diff_id, parent, blob, size) unpacked snapshots, shared by chain
///   containers(id PK, name UNIQUE, image_id, doc)    doc: the Container record as JSON
///   events(seq PK, time_nano, type, action, actor, attributes)   the journal behind GET /events
///   networks(id PK, name UNIQUE, doc)                user-defined networks
///   volumes(name PK, driver, doc)                    doc: the Volume record as JSON
///   repo_digests(name PK → images.id)                repo@sha256:manifest, as pulled or pushed
///   layer_blobs(digest PK, diff_id, media_type, size) compressed blobs known for a diff ID
///   registry_manifests((repo, digest) PK, media_type, size, image_id?, subject?, artifact_type?, annotations?)
///                                                    manifests the built-in registry serves; bytes in content/
///   registry_tags((repo, tag) PK, digest)            tags pushed to the registry
///   registry_blobs((repo, digest) PK)                blobs pushed to (or served from) a repository
/// </code>
/// Layers have no reference count: a layer is garbage when no image's chain and no
/// container's image reaches it, which is computed when an image is removed. Volumes have
/// none either: the containers' mount points (in their doc) say who uses a volume.
/// </summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE images (
            id TEXT PRIMARY KEY,
            config BLOB NOT NULL,
            created TEXT NOT NULL,
            size INTEGER NOT NULL,
            parent TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE image_layers (
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            diff_id TEXT NOT NULL,
            PRIMARY KEY (image_id, position)
        );
        CREATE TABLE tags (
            name TEXT PRIMARY KEY,
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE
        );
        CREATE INDEX tags_image ON tags(image_id);
        CREATE TABLE layers (
            chain_id TEXT PRIMARY KEY,
            diff_id TEXT NOT NULL,
            parent TEXT NOT NULL,
            blob TEXT NOT NULL,
            size INTEGER NOT NULL
        );
        CREATE TABLE containers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            image_id TEXT NOT NULL,
            doc TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            time_nano INTEGER NOT NULL,
            type TEXT NOT NULL,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            attributes TEXT NOT NULL
        );
        CREATE INDEX events_time ON events(time_nano);
        """,
        """
        CREATE TABLE networks (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            doc TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE volumes (
            name TEXT PRIMARY KEY,
            driver TEXT NOT NULL,
            doc TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE repo_digests (
            name TEXT PRIMARY KEY,
            image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE
        );
        CREATE INDEX repo_digests_image ON repo_digests(image_id);
        CREATE TABLE layer_blobs (
            digest TEXT PRIMARY KEY,
            diff_id TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL
        );
        CREATE INDEX layer_blobs_diff ON layer_blobs(diff_id);
        """,
        """
        CREATE TABLE registry_manifests (
            repo TEXT NOT NULL,
            digest TEXT NOT NULL,
            media_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            image_id TEXT,
            subject TEXT,
            artifact_type TEXT,
            annotations TEXT,
            PRIMARY KEY (repo, digest)
        );
        CREATE INDEX registry_manifests_subject ON registry_manifests(repo, subject);
        CREATE TABLE registry_tags (
            repo TEXT NOT NULL,
            tag TEXT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (repo, tag)
        );
        CREATE TABLE registry_blobs (
            repo TEXT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (repo, digest)
        );
        """,
    ];
}
