from JumpScale import j

ActionsBase = j.atyourservice.getActionsBaseClass()


class Actions(ActionsBase):

    def configure(self, serviceObj):
        from CloudscalerLibcloud.imageutil import registerImage
        name = 'CentOS 7 x64'
        imagename = 'centos-7-x86_64.qcow2'
        print 'registering', name
        registerImage(serviceObj, name, imagename, 'Linux', 10)
