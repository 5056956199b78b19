package document

import (
	_ "gocloud.dev/blob/fileblob" // file:///dir URLs (make run: DVC_DATA_DIR/documents)
	_ "gocloud.dev/blob/s3blob"   // s3://bucket?region=…&endpoint=… (production, any S3-compatible store)
)
