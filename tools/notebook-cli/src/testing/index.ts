export { closedPort, startLoopbackHttpsServer, startSilentServer, type LoopbackServer, type RecordedRequest, type Reply } from './loopback-server';
export { operationOf, sagemakerApiDouble, type NotebookInstanceJson, type SagemakerApiScript } from './sagemaker-api-double';
export { selfSignedCertificate, type TlsIdentity } from './self-signed-certificate';
export { checkSigV4, type SigV4Check } from './sigv4';
export { stsActionOf, stsApiDouble, type StsApiScript } from './sts-api-double';
export { synthesizeWorkspace, type SynthesizedWorkspace, type SynthesizeWorkspaceProps } from './synthesized-workspace';
